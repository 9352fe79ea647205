using System.Buffers;
using System.Globalization;
using System.Text;
using JidoSessions.Client;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>
/// Session keys as the HTTP API takes them (the <c>/by-key/{key}</c> segment, <c>X-Session-Key</c>, the chat
/// <c>user</c>, the voice <c>callId</c>): besides <see cref="SessionKey"/>'s own rules, a key must be valid Unicode
/// in normalization form C and free of invisible and bidirectional formatting characters (Unicode category Cf:
/// U+200B, U+200E, U+202E, U+2066, U+FEFF, …) and line or paragraph separators, so two keys that look alike never
/// name two sessions. A path segment must be strictly percent-encoded UTF-8.
/// </summary>
internal static class SessionKeys
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SessionKey Parse(string? text, string field) =>
        TryParse(text, out var key, out var error) ? key : throw ValidationException.For(field, $"Session key {error}.");

    public static bool TryParse(string? text, out SessionKey key, out string? error)
    {
        error = text is null ? null : Problem(text);
        if (error is not null)
        {
            key = default;
            return false;
        }

        return SessionKey.TryParse(text, out key, out error);
    }

    /// <summary>A percent-encoded path segment as text: every '%' starts two hex digits, and the bytes are UTF-8 (no overlong forms, no surrogates).</summary>
    public static string DecodePathSegment(string encoded, string field)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '%')
            {
                var end = encoded.IndexOf('%', i);
                end = end < 0 ? encoded.Length : end;
                bytes.AddRange(Utf8(encoded[i..end], field));
                i = end - 1;
                continue;
            }

            if (i + 2 >= encoded.Length || !byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw ValidationException.For(field, "is not a valid percent-encoded path segment ('%' must start two hex digits; write '%' itself as %25)");
            }

            bytes.Add(value);
            i += 2;
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            throw ValidationException.For(field, "is not valid UTF-8 once percent-decoded");
        }
    }

    private static byte[] Utf8(string text, string field)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw ValidationException.For(field, "is not valid Unicode text");
        }
    }

    private static string? Problem(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return "must be valid Unicode text (no lone surrogates)";
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"must not contain invisible or bidirectional formatting characters (U+{rune.Value:X4})";
            }

            rest = rest[used..];
        }

        return NfcQuickCheck.IsProvablyNfc(text)
            ? null
            : "must be in Unicode normalization form C, with precomposed characters (é as U+00E9, not e followed by U+0301)";
    }
}
