using System.Security.Cryptography;
using System.Text;
using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

// Deciding: which events a command produces, from the current state. Pure like Apply; the actor
// persists what these return and applies it after the commit.
internal sealed partial record ContextState
{
    /// <summary>
    /// A turn, plus the trim that keeps at most <paramref name="maxHistory"/> messages (oldest dropped,
    /// the new ones counted), all to be written atomically.
    /// </summary>
    public IReadOnlyList<IContextEvent> PlanTurn(
        string userText, string assistantText, DateTimeOffset at, int maxHistory, IReadOnlyList<ToolResult>? toolResults = null, IReadOnlyList<ToolCall>? toolCalls = null)
    {
        ArgumentNullException.ThrowIfNull(userText);
        ArgumentNullException.ThrowIfNull(assistantText);
        var turn = new TurnRecorded(userText, assistantText, at, toolResults, toolCalls is { Count: > 0 } ? toolCalls : null);
        var drop = History.Count + 2 - Math.Max(0, maxHistory);
        if (drop <= 0)
        {
            return [turn];
        }

        // The drop-th oldest message of history followed by the two new ones.
        var through = drop <= History.Count ? History[drop - 1].Sequence : NextSequence + (drop - History.Count) - 1;
        return [turn, new HistoryTrimmed(through)];
    }

    /// <summary>
    /// New limits and what they cut: the oldest history beyond <paramref name="maxHistory"/> and the
    /// least recently added files beyond <paramref name="maxFiles"/>. Empty when nothing changes.
    /// </summary>
    public IReadOnlyList<IContextEvent> PlanLimits(int maxHistory, int maxFiles)
    {
        maxHistory = Math.Max(0, maxHistory);
        maxFiles = Math.Max(0, maxFiles);
        if (maxHistory == MaxHistory && maxFiles == MaxFiles)
        {
            return [];
        }

        var events = new List<IContextEvent> { new LimitsChanged(maxHistory, maxFiles) };
        if (History.Count > maxHistory)
        {
            events.Add(new HistoryTrimmed(History[History.Count - maxHistory - 1].Sequence));
        }

        events.AddRange(Files.Values.OrderBy(f => f.Order).Take(Math.Max(0, Files.Count - maxFiles)).Select(f => new FileRemoved(f.Info.Path)));
        return events;
    }

    /// <summary>
    /// The event that makes <paramref name="file"/> active, or the validation error that leaves the state
    /// unchanged (bad path, content or metadata, or a new path when <see cref="MaxFiles"/> files are active).
    /// </summary>
    public ValidationException? PlanAddFile(SessionFile file, DateTimeOffset at, out FileAdded? added)
    {
        added = null;
        if (file is null)
        {
            return ValidationException.For("file", "must be present");
        }

        if (SessionFileRules.Validate(file) is { } invalid)
        {
            return invalid;
        }

        if (!Files.ContainsKey(file.Path) && Files.Count >= MaxFiles)
        {
            return ValidationException.For(
                "maxFiles",
                $"reached: the session already has {Files.Count} active files (limit {MaxFiles}); remove one before adding '{file.Path}'");
        }

        var bytes = Encoding.UTF8.GetBytes(file.Content);
        added = new FileAdded(
            file.Path,
            file.Content,
            bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)),
            at,
            [.. (file.Metadata ?? new Dictionary<string, string>()).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new FileMetadataEntry(m.Key, m.Value))]);
        return null;
    }

    /// <summary>The removal of <paramref name="path"/>, or null when no such file is active.</summary>
    public FileRemoved? PlanRemoveFile(string? path) =>
        path is not null && Files.ContainsKey(path) ? new FileRemoved(path) : null;
}
