using System.Globalization;
using JidoSessions.Client;
using Microsoft.AspNetCore.Http.Features;

namespace JidoSessions.Host.Http.Sessions;

/// <summary>Reads ids, keys and query values of session routes; bad ones are refused with 400, never 404.</summary>
internal static class SessionRoutes
{
    private const string ByKey = "/by-key/";

    public static SessionId Id(string id) => SessionId.Parse(id, "id");

    /// <summary>
    /// The key of <c>/v1/sessions/by-key/{key}</c>, strictly percent-decoded from the raw request target (see
    /// <see cref="SessionKeys"/>), so any key (one with '/' written as %2F included) round-trips exactly.
    /// </summary>
    public static SessionKey Key(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        var at = path.IndexOf(ByKey, StringComparison.OrdinalIgnoreCase);
        var encoded = at >= 0 ? path[(at + ByKey.Length)..] : "";
        return SessionKeys.Parse(SessionKeys.DecodePathSegment(encoded, "key"), "key");
    }

    public static ListSessionsQuery ListQuery(IQueryCollection query)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        SessionStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (Enum.TryParse<SessionStatus>(statusText, ignoreCase: true, out var parsed) && !int.TryParse(statusText, out _))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = "must be one of " + string.Join(", ", Enum.GetNames<SessionStatus>());
            }
        }

        var offset = Int(query, "offset", 0, errors);
        var limit = Int(query, "limit", 50, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var result = new ListSessionsQuery(status, offset, limit);
        result.Validate();
        return result;
    }

    /// <summary>A file path: relative, '/'-separated, no '..' segment, no leading '/' or '\', no control characters, at most 1024 characters.</summary>
    public static void ValidateFilePath(string? path, string field = "path")
    {
        var problem = path switch
        {
            null or "" => "is required",
            { Length: > 1024 } => "must be at most 1024 characters",
            _ when path.Any(char.IsControl) => "must not contain control characters",
            _ when path[0] is '/' or '\\' => "must be relative (no leading '/' or '\\')",
            _ when path.Length >= 2 && path[1] == ':' => "must be relative (no drive letter)",
            _ when path.Split('/', '\\').Any(s => s == "..") => "must not contain '..' segments",
            _ when string.IsNullOrWhiteSpace(path) => "must not be blank",
            _ => null,
        };
        if (problem is not null)
        {
            throw ValidationException.For(field, problem);
        }
    }

    private static int Int(IQueryCollection query, string name, int fallback, Dictionary<string, string> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[name] = "must be a whole number";
        return fallback;
    }
}
