using JidoSessions.Client;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>
/// A session config from a request: <see cref="SessionConfig.Validate"/>, and no control character at all in the
/// one-line names (<c>model</c>, <c>voice</c>): line breaks and tabs belong in the system prompt only.
/// </summary>
internal static class ConfigRules
{
    /// <exception cref="ValidationException">Every invalid member, named.</exception>
    public static void Validate(SessionConfig? config)
    {
        if (config is null)
        {
            return;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            config.Validate();
        }
        catch (ValidationException e)
        {
            foreach (var (field, problem) in e.Errors)
            {
                errors[field] = problem;
            }
        }

        OneLine(errors, "model", config.Model);
        OneLine(errors, "voice", config.Voice);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static void OneLine(Dictionary<string, string> errors, string field, string? value)
    {
        if (value is not null && value.Any(char.IsControl))
        {
            errors[field] = "must be at most 200 characters without control characters (no line breaks or tabs)";
        }
    }
}
