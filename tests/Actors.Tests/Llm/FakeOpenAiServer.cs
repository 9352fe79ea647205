using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Tests.Llm;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) serving <c>POST /v1/chat/completions</c> in the official
/// OpenAI shapes, streaming and not. Each request takes the next scripted <see cref="FakeOpenAiResponse"/>
/// (or <see cref="DefaultResponse"/>), and every request is recorded and counted.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeOpenAiResponse> _script = new();
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Gets the API root to give a client, e.g. <c>http://127.0.0.1:5123/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets or sets the answer used when the script is empty.</summary>
    public FakeOpenAiResponse DefaultResponse { get; set; } = FakeOpenAiResponse.Reply("Hello", " from", " fake.");

    /// <summary>Gets how many requests arrived so far (counted on arrival, before any scripted delay).</summary>
    public int AttemptCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Gets the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var server = new FakeOpenAiServer(builder.Build());
        server._app.MapPost("/v1/chat/completions", server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First().TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Queues answers for the next requests, in order.</summary>
    public void Enqueue(params FakeOpenAiResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived.</summary>
    public Task WaitForAttemptsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>Stops the server, first releasing any request held open by a script.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var recorded = new RecordedRequest(
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.Authorization.FirstOrDefault(),
            body);
        Record(recorded);
        var script = _script.TryDequeue(out var next) ? next : DefaultResponse;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await RespondAsync(context, recorded, script, AttemptCount, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (timeout or cancellation) or the server is stopping: nothing left to answer.
        }
    }

    private static async Task RespondAsync(
        HttpContext context, RecordedRequest request, FakeOpenAiResponse script, int attempt, CancellationToken aborted)
    {
        if (script.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(script.FirstByteDelay, aborted);
        }

        var response = context.Response;
        if (script.RetryAfter is not null)
        {
            response.Headers.RetryAfter = script.RetryAfter;
        }

        response.StatusCode = script.StatusCode;
        if (script.RawBody is not null)
        {
            response.ContentType = script.RawContentType;
            await response.WriteAsync(script.RawBody, aborted);
            return;
        }

        if (script.StatusCode != StatusCodes.Status200OK)
        {
            if (script.ErrorMessage is not null)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(FakeOpenAiBodies.Error(script.StatusCode, script.ErrorMessage), aborted);
            }

            return;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-fake-{attempt}");
        var model = script.Model ?? request.Model ?? "unknown";
        if (!request.Stream)
        {
            if (script.HoldBeforeEnd is { } hold)
            {
                await hold.WaitAsync(aborted);
            }

            response.ContentType = "application/json";
            await response.WriteAsync(FakeOpenAiBodies.Completion(id, model, script), aborted);
            return;
        }

        await StreamAsync(context, request, script, id, model, aborted);
    }

    private static async Task StreamAsync(
        HttpContext context, RecordedRequest request, FakeOpenAiResponse script, string id, string model, CancellationToken aborted)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";

        // A comment line first, as keep-alive-sending proxies and servers do; clients must skip it.
        await SendAsync(response, ": keep-alive\n\n", aborted);
        await SendEventAsync(response, FakeOpenAiBodies.Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null), aborted);
        foreach (var chunk in script.Chunks)
        {
            await SendEventAsync(response, FakeOpenAiBodies.Chunk(id, model, new JsonObject { ["content"] = chunk }, null), aborted);
        }

        if (script.HoldBeforeEnd is { } hold)
        {
            await hold.WaitAsync(aborted);
        }

        switch (script.Ending)
        {
            case FakeStreamEnding.CutOff:
                return;
            case FakeStreamEnding.Reset:
                context.Abort();
                return;
        }

        await SendEventAsync(response, FakeOpenAiBodies.Chunk(id, model, [], script.FinishReason), aborted);
        if (script.Ending == FakeStreamEnding.FinishWithoutDone)
        {
            return;
        }

        if (request.Json?["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await SendEventAsync(response, FakeOpenAiBodies.UsageChunk(id, model, script), aborted);
        }

        await SendEventAsync(response, "[DONE]", aborted);
    }

    private static Task SendEventAsync(HttpResponse response, string data, CancellationToken aborted) =>
        SendAsync(response, "data: " + data + "\n\n", aborted);

    private static async Task SendAsync(HttpResponse response, string text, CancellationToken aborted)
    {
        await response.WriteAsync(text, aborted);
        await response.Body.FlushAsync(aborted);
    }

    private void Record(RecordedRequest request)
    {
        List<TaskCompletionSource> released;
        lock (_gate)
        {
            _requests.Add(request);
            released = [.. _waiters.Where(w => w.Count <= _requests.Count).Select(w => w.Signal)];
            _waiters.RemoveAll(w => w.Count <= _requests.Count);
        }

        foreach (var signal in released)
        {
            signal.TrySetResult();
        }
    }
}
