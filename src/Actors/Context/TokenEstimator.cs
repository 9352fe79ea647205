namespace JidoSessions.Actors.Context;

/// <summary>
/// The token heuristic used for budgets: one token per 4 characters of text, rounded up, plus
/// <see cref="PerMessageOverhead"/> per message for role and framing. It over-estimates English prose
/// slightly for common BPE tokenizers, which errs on the side of fitting the model's window.
/// </summary>
internal static class TokenEstimator
{
    /// <summary>Tokens counted for each message besides its text.</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>Estimated tokens of <paramref name="text"/> alone.</summary>
    public static int ForText(string? text) => text is null ? 0 : (int)(((long)text.Length + 3) / 4);

    /// <summary>Estimated tokens of a message whose text is <paramref name="text"/>.</summary>
    public static int ForMessage(string? text) => ForText(text) + PerMessageOverhead;
}
