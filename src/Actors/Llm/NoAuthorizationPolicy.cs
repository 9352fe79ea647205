using System.ClientModel.Primitives;

namespace JidoSessions.Actors.Llm;

// Local servers (Ollama, llama.cpp) need no key; without this policy the SDK would send its placeholder credential.
internal sealed class NoAuthorizationPolicy : PipelinePolicy
{
    public static readonly NoAuthorizationPolicy Instance = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.Remove("Authorization");
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
