using System.Text.Json.Serialization;

namespace JidoSessions.Client;

/// <summary>
/// A lifecycle or conversation event of one session. Published on the global stream and on the
/// session's own topic; over HTTP each is one Server-Sent Event whose <c>event:</c> is <see cref="Type"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionCreated), SessionCreated.TypeName)]
[JsonDerivedType(typeof(SessionStatusChanged), SessionStatusChanged.TypeName)]
[JsonDerivedType(typeof(SessionTerminated), SessionTerminated.TypeName)]
[JsonDerivedType(typeof(MessageAppended), MessageAppended.TypeName)]
[JsonDerivedType(typeof(SessionForked), SessionForked.TypeName)]
[JsonDerivedType(typeof(SessionRewound), SessionRewound.TypeName)]
public abstract record SessionEvent(SessionId SessionId, TenantId Tenant, DateTimeOffset At)
{
    /// <summary>The wire name: session_created, session_status, session_terminated, message_appended, session_forked, session_rewound.</summary>
    [JsonIgnore]
    public abstract string Type { get; }
}

/// <summary>A session was created (exactly once per session, however many callers raced for its key).</summary>
public sealed record SessionCreated(SessionId SessionId, TenantId Tenant, DateTimeOffset At, SessionKey? Key)
    : SessionEvent(SessionId, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "session_created";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A session moved from one status to another.</summary>
public sealed record SessionStatusChanged(SessionId SessionId, TenantId Tenant, DateTimeOffset At, SessionStatus From, SessionStatus To, string Reason)
    : SessionEvent(SessionId, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "session_status";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>Why a session ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerminationReason>))]
public enum TerminationReason
{
    /// <summary>A caller ended it.</summary>
    Requested,

    /// <summary>Its time to live ran out.</summary>
    Expired,
}

/// <summary>A session ended; its key, config, history and cache are gone.</summary>
public sealed record SessionTerminated(SessionId SessionId, TenantId Tenant, DateTimeOffset At, TerminationReason Reason)
    : SessionEvent(SessionId, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "session_terminated";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A message was appended to a session's history.</summary>
public sealed record MessageAppended(SessionId SessionId, TenantId Tenant, DateTimeOffset At, long Sequence, MessageRole Role, string Text)
    : SessionEvent(SessionId, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "message_appended";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>
/// <see cref="SessionEvent.SessionId"/> was forked from <see cref="SourceSessionId"/> at message <see cref="AtSequence"/>
/// (on the tenant's stream and the fork's own, after the fork's <see cref="SessionCreated"/>).
/// </summary>
public sealed record SessionForked(SessionId SessionId, TenantId Tenant, DateTimeOffset At, SessionId SourceSessionId, long AtSequence)
    : SessionEvent(SessionId, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "session_forked";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>The session's messages after <see cref="ToSequence"/> were hidden from its history and context.</summary>
public sealed record SessionRewound(SessionId SessionId, TenantId Tenant, DateTimeOffset At, long ToSequence)
    : SessionEvent(SessionId, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "session_rewound";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>
/// Not an event of one session (<see cref="SessionEvent.SessionId"/> is empty): the stream could not replay everything
/// after the subscriber's <c>Last-Event-ID</c>, because the server restarted since (<see cref="Reason"/>
/// <c>restarted</c>), the replay buffer no longer holds it (<c>expired</c>), or the id is not one this server sent
/// (<c>unknown</c>). Events after <see cref="ResumesAfter"/> follow; re-read the state of what you follow.
/// Over HTTP it is <c>event: gap</c> with <c>data: {"type":"gap","tenant":…,"at":…,"lastEventId":…,"resumesAfter":…,"reason":…}</c>
/// (no <c>sessionId</c>).
/// </summary>
public sealed record EventsMissed(TenantId Tenant, DateTimeOffset At, string LastEventId, string ResumesAfter, string Reason)
    : SessionEvent(default, Tenant, At)
{
    /// <summary>Wire name.</summary>
    public const string TypeName = "gap";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;
}
