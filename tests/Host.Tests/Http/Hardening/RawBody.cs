using System.Net.Http.Headers;
using System.Text;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>Request bodies built byte by byte, for text that no .NET string can carry (invalid UTF-8).</summary>
internal static class RawBody
{
    /// <summary>The JSON escape of a lone high surrogate, as six ASCII characters.</summary>
    public const string LoneSurrogate = "\\ud800";

    /// <summary>A byte that never occurs in UTF-8.</summary>
    public const string InvalidUtf8 = "<xff>";

    /// <summary>
    /// <paramref name="template"/> as UTF-8 with every <c>@@</c> replaced by <paramref name="bad"/>: either
    /// <see cref="LoneSurrogate"/> (kept as text) or <see cref="InvalidUtf8"/> (the byte 0xFF).
    /// </summary>
    public static ByteArrayContent Json(string template, string bad)
    {
        var bytes = new List<byte>();
        var parts = template.Split("@@");
        for (var i = 0; i < parts.Length; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
            if (i < parts.Length - 1)
            {
                bytes.AddRange(bad == InvalidUtf8 ? [0xFF] : Encoding.ASCII.GetBytes(bad));
            }
        }

        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
