using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Actors.Context;

/// <summary>Registers the ContextManager's events and snapshot with their manifests.</summary>
internal static class ContextSerialization
{
    /// <summary>Adds every context event and <see cref="ContextSnapshot"/> under a "context.*.v1" manifest.</summary>
    internal static EventSerializerBuilder AddContextEvents(this EventSerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add<TurnRecorded>("context.turn-recorded.v1")
            .Add<HistoryTrimmed>("context.history-trimmed.v1")
            .Add<FileAdded>("context.file-added.v1")
            .Add<FileRemoved>("context.file-removed.v1")
            .Add<LimitsChanged>("context.limits-changed.v1")
            .Add<HistoryRewound>("context.history-rewound.v1")
            .Add<ConfigSuperseded>("context.config-superseded.v1")
            .Add<ContextSeeded>("context.seeded.v1")
            .Add<ContextSnapshot>("context.snapshot.v1");
    }
}
