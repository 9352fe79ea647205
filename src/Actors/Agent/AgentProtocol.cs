using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using Akka.Actor;

namespace JidoSessions.Actors.Agent;

/// <summary>
/// The supervisor's SendMessage, with the session's effective config resolved, forwarded to /agent with
/// the caller as sender. Reply to the sender: <see cref="MessageReply"/>, or FailureReply with
/// TurnInProgressException / TurnCancelledException / TurnFailedException.
/// </summary>
internal sealed record RunTurn(string Text, IActorRef? StreamTo, ResolvedConfig Config, TurnOptions? Options = null, IReadOnlyList<ToolResult>? ToolResults = null);

/// <summary>Cancel the running turn (the supervisor forwards CancelTurn here). Reply: bool.</summary>
internal sealed record CancelRunningTurn
{
    public static readonly CancelRunningTurn Instance = new();
}

/// <summary>Agent → its supervisor after every turn, successful or not (MessageCount is null when nothing was appended).</summary>
internal sealed record TurnFinished(int? MessageCount, DateTimeOffset At);
