namespace JidoSessions.Runtime.Mailbox;

/// <summary>A user message with the sender it came from, as stored in a mailbox.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
