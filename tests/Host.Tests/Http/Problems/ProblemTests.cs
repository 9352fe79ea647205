using Microsoft.AspNetCore.Http.HttpResults;
using System.Net;
using System.Text;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Http;
using JidoSessions.Host.Http.Problems;

namespace JidoSessions.Host.Tests.Http.Problems;

/// <summary>Every typed failure survives the trip server problem document → HTTP client exception.</summary>
public sealed class ProblemTests
{
    private static readonly SessionId Id = SessionId.Parse("0190d7e2-6b1a-7c3e-9f00-123456789abc");

    public static TheoryData<SessionException> Failures() =>
    [
        new SessionNotFoundException(Id.ToString()),
        new InvalidTransitionException(Id, SessionStatus.Terminating, "send a message"),
        new SessionFailedException(Id, "the agent kept crashing"),
        new TurnInProgressException(Id),
        new TurnCancelledException(Id),
        new TurnFailedException(Id, "RateLimited", "429 from the provider"),
        new ValidationException(new Dictionary<string, string> { ["message"] = "must not be empty", ["path"] = "must be relative" }),
        new SessionUnavailableException("shutting down"),
        new PayloadTooLargeException("too big"),
    ];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task From_ThenClientMapping_RebuildsTheSameException(SessionException original)
    {
        var problem = Problem.From(original);
        var json = Serialize(problem);
        var client = new HttpSessionClient(new HttpClient(new Canned(problem.StatusCode, json)) { BaseAddress = new Uri("http://127.0.0.1:1/") }, "key-0123456789abcdef", TenantId.Default);

        var rebuilt = await Assert.ThrowsAnyAsync<SessionException>(() => client.GetInfoAsync(Id));

        Assert.Equal(original.GetType(), rebuilt.GetType());
        Assert.Equal((original.Code, original.Status, original.Message), (rebuilt.Code, rebuilt.Status, rebuilt.Message));
        switch (original, rebuilt)
        {
            case (InvalidTransitionException a, InvalidTransitionException b):
                Assert.Equal((a.SessionId, a.From, a.Attempted), (b.SessionId, b.From, b.Attempted));
                break;
            case (TurnFailedException a, TurnFailedException b):
                Assert.Equal(a.Kind, b.Kind);
                break;
            case (ValidationException a, ValidationException b):
                Assert.Equal(a.Errors, b.Errors);
                break;
            case (SessionFailedException a, SessionFailedException b):
                Assert.Equal(a.SessionId, b.SessionId);
                break;
            default:
                break;
        }
    }

    private static string Serialize(ProblemHttpResult problem)
    {
        var options = new JsonSerializerOptions();
        HttpApiServices.Configure(options);
        return JsonSerializer.Serialize(problem.ProblemDetails, options);
    }

    private sealed class Canned(int status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") });
    }
}
