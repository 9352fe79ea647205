using System.Net.Http.Headers;

namespace JidoSessions.Actors.Llm;

// Sends one POST to {BaseUrl}/chat/completions and returns the response only when it succeeded; any other status
// becomes an LlmProviderException carrying the provider's message and Retry-After hint.
internal sealed class OpenAiTransport(HttpClient httpClient, Uri endpoint, string? apiKey, TimeProvider timeProvider)
{
    // Error bodies are only mined for a message; a misbehaving server must not make us buffer megabytes.
    private const int MaxErrorBodyChars = 16 * 1024;

    public Uri Endpoint => endpoint;

    public static Uri EndpointFor(Uri baseUrl) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    public async Task<HttpResponseMessage> SendAsync(byte[] body, bool stream, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        // Headers-only completion: the body is read by the caller under the same timeout, incrementally when streaming.
        var response = await httpClient
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var errorBody = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw LlmFailures.FromStatus((int)response.StatusCode, errorBody, RetryAfterOf(response));
        }
    }

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            var buffer = new char[MaxErrorBodyChars];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The status code alone already classifies the failure; a lost error body only loses the message.
            return null;
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - timeProvider.GetUtcNow() : null;
    }
}
