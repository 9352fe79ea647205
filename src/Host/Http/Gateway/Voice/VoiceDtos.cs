using JidoSessions.Client;
using JidoSessions.Host.Http.Sessions;

namespace JidoSessions.Host.Http.Gateway.Voice;

/// <summary><c>POST /voice/query</c>: the caller's words in one call; every member is required.</summary>
internal sealed record VoiceQueryRequest(string? Prompt = null, string? CallId = null, string? AccountId = null, string? PeerId = null)
{
    /// <summary>Throws <see cref="ValidationException"/> naming every missing, blank or invalid member.</summary>
    public VoiceQuery Validate(int maxPromptChars)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Require(errors, "prompt", Prompt);
        Require(errors, "callId", CallId);
        Require(errors, "accountId", AccountId);
        Require(errors, "peerId", PeerId);
        if (!errors.ContainsKey("prompt") && Prompt!.Length > maxPromptChars)
        {
            errors["prompt"] = $"must be at most {maxPromptChars} characters (was {Prompt.Length})";
        }

        var key = VoiceCall.Key(errors, CallId);
        foreach (var (field, value) in new[] { ("accountId", AccountId), ("peerId", PeerId) })
        {
            if (!errors.ContainsKey(field) && (value!.Length > 4096 || value.Any(char.IsControl)))
            {
                errors[field] = "must be at most 4096 characters without control characters";
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new VoiceQuery(key, Prompt!, AccountId!, PeerId!);
    }

    internal static void Require(Dictionary<string, string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = value is null ? "is required" : "must not be blank";
        }
    }
}

/// <summary>A validated query: the call's session key, the prompt, and the metadata a new session gets.</summary>
internal sealed record VoiceQuery(SessionKey Key, string Prompt, string AccountId, string PeerId)
{
    public CreateSessionRequest Create => new()
    {
        Config = new SessionConfig
        {
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["accountId"] = AccountId, ["peerId"] = PeerId },
        },
    };
}

/// <summary>The model's answer.</summary>
internal sealed record VoiceQueryResponse(string Response);

/// <summary><c>POST /voice/end-session</c>.</summary>
internal sealed record VoiceEndSessionRequest(string? CallId = null)
{
    public SessionKey Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        VoiceQueryRequest.Require(errors, "callId", CallId);
        var key = VoiceCall.Key(errors, CallId);
        return errors.Count > 0 ? throw new ValidationException(errors) : key;
    }
}

/// <summary><c>{"ok":true}</c>.</summary>
internal sealed record VoiceEndSessionResponse(bool Ok);

/// <summary>A call id is the call's session key under the caller's tenant.</summary>
internal static class VoiceCall
{
    public static SessionKey Key(Dictionary<string, string> errors, string? callId)
    {
        if (errors.ContainsKey("callId"))
        {
            return default;
        }

        if (!SessionKeys.TryParse(callId, out var key, out var error))
        {
            errors["callId"] = error!;
        }

        return key;
    }
}
