namespace JidoSessions.Persistence.Actors;

/// <summary>Offered to <c>OnRecover</c> first when a snapshot was found.</summary>
public sealed record SnapshotOffer(long SequenceNr, object Snapshot);

/// <summary>Told to the actor when a snapshot it asked for is stored.</summary>
public sealed record SaveSnapshotSuccess(long SequenceNr);

/// <summary>Told to the actor when storing a snapshot failed; the journal still has every event.</summary>
public sealed record SaveSnapshotFailure(long SequenceNr, Exception Cause);

/// <summary>Told to the actor when its events up to <see cref="ToSequenceNr"/> were deleted.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Told to the actor when deleting events failed.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);
