using JidoSessions.Actors.Llm;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class RetryPolicyTests
{
    private readonly RetryPolicy _policy = new(maxRetries: 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 400)]
    [InlineData(2, 800)]
    [InlineData(3, 1000)]
    [InlineData(200, 1000)]
    public void DelayBeforeRetry_NoHint_DoublesUpToMaxBackoff(int attempt, int expectedMilliseconds)
    {
        var delay = _policy.DelayBeforeRetry(attempt, retryAfter: null);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Theory]
    [InlineData(0.5, 500)]
    [InlineData(30, 1000)]
    [InlineData(-3, 0)]
    public void DelayBeforeRetry_RetryAfterHint_IsHonouredAndCapped(double hintSeconds, int expectedMilliseconds)
    {
        var delay = _policy.DelayBeforeRetry(0, TimeSpan.FromSeconds(hintSeconds));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Theory]
    [InlineData(LlmFailureKind.RateLimited, true)]
    [InlineData(LlmFailureKind.ServerError, true)]
    [InlineData(LlmFailureKind.Timeout, true)]
    [InlineData(LlmFailureKind.Network, true)]
    [InlineData(LlmFailureKind.BadRequest, false)]
    [InlineData(LlmFailureKind.Unauthorized, false)]
    [InlineData(LlmFailureKind.MalformedResponse, false)]
    [InlineData(LlmFailureKind.TruncatedStream, false)]
    public void ShouldRetry_ByKind_RetriesOnlyTransientFailures(LlmFailureKind kind, bool expected)
    {
        var failure = new LlmProviderException(kind, "test");

        var retry = _policy.ShouldRetry(failure, attempt: 0);

        Assert.Equal(expected, retry);
        Assert.Equal(expected, failure.IsTransient);
    }

    [Fact]
    public void ShouldRetry_AttemptsExhausted_ReturnsFalse()
    {
        var failure = new LlmProviderException(LlmFailureKind.ServerError, "test", statusCode: 500);

        var retry = _policy.ShouldRetry(failure, attempt: 2);

        Assert.False(retry);
    }
}
