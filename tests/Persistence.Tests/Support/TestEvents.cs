using System.Globalization;
using System.Text;
using JidoSessions.Persistence.Journal;

namespace JidoSessions.Persistence.Tests.Support;

internal static class TestEvents
{
    public const string Manifest = "test-event.v1";

    public static EventToWrite[] Range(long firstSequenceNr, int count, string tag = "e") =>
        [.. Enumerable.Range(0, count).Select(i => One(firstSequenceNr + i, tag))];

    public static EventToWrite One(long sequenceNr, string tag = "e") =>
        new(sequenceNr, Manifest, string.Create(CultureInfo.InvariantCulture, $$"""{"n":{{sequenceNr}},"tag":"{{tag}}"}"""));

    public static string NewPersistenceId(string kind = "session") => $"{kind}-{Guid.NewGuid():N}";

    public static async Task<List<JournalEvent>> ReadAllAsync(
        IJournal journal, string persistenceId, long from = 1, long to = long.MaxValue)
    {
        var events = new List<JournalEvent>();
        await foreach (var @event in journal.ReadAsync(persistenceId, from, to))
        {
            events.Add(@event);
        }

        return events;
    }

    public static async Task<List<string>> ReadIdsAsync(IJournal journal, string prefix)
    {
        var ids = new List<string>();
        await foreach (var id in journal.ReadPersistenceIdsAsync(prefix))
        {
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Exactly 1 MiB of UTF-8 mixing 1-, 2-, 3- and 4-byte sequences.</summary>
    public static string LargePayload()
    {
        const int targetBytes = 1024 * 1024;
        const string unit = "ascii-é-漢-😀|";
        var units = targetBytes / Encoding.UTF8.GetByteCount(unit);
        var builder = new StringBuilder(targetBytes);
        builder.Insert(0, unit, units);
        builder.Append('x', targetBytes - Encoding.UTF8.GetByteCount(builder.ToString()));
        return builder.ToString();
    }

    /// <summary>Text that breaks naive encodings: emoji (incl. ZWJ sequences), CJK, combining marks, RTL, BOM.</summary>
    public static string UnicodePayload() =>
        "{\"text\":\"emoji 😀 👩‍👩‍👧‍👦 🏳️‍🌈, CJK 漢字 かな カナ 한국어, " +
        "combining e\u0301 a\u0308 o\u0302\u0323 (not normalized), RTL שלום مرحبا, " +
        "zero-width \u200B\u200D, BOM \uFEFF, clef 𝄞, controls \u0001\t\r\n, quotes \\\" '\"}";
}
