using System.Text.Json.Serialization;

namespace JidoSessions.Client;

/// <summary>
/// A session's lifecycle. <c>Initializing → Active ⇄ Idle → Terminating → Terminated</c>; any live
/// state may become <c>Failed</c> (its agent or context kept crashing); a failed session keeps its data.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    /// <summary>Being created.</summary>
    Initializing,

    /// <summary>Serving turns.</summary>
    Active,

    /// <summary>No activity for the idle timeout; the next message makes it active again.</summary>
    Idle,

    /// <summary>Ending.</summary>
    Terminating,

    /// <summary>Ended; its data is gone.</summary>
    Terminated,

    /// <summary>Stopped after repeated failures; callers get SessionFailed.</summary>
    Failed,
}
