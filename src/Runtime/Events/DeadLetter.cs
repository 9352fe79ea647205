namespace JidoSessions.Runtime.Events;

/// <summary>A message that could not be delivered because its recipient had stopped.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message an actor did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
