using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Http.Gateway.OpenAi;

namespace JidoSessions.Host.Tests.Gateway;

public sealed class OpenAiErrorsTests
{
    public static TheoryData<SessionException, int, string, string> Errors { get; } = new()
    {
        { ValidationException.For("messages[0].content", "must not be empty"), 400, "invalid_request_error", ErrorCodes.ValidationFailed },
        { new SessionNotFoundException("call-1"), 404, "invalid_request_error", ErrorCodes.SessionNotFound },
        { new TurnInProgressException(SessionId.New()), 409, "invalid_request_error", ErrorCodes.TurnInProgress },
        { new TurnCancelledException(SessionId.New()), 409, "invalid_request_error", ErrorCodes.TurnCancelled },
        { new PayloadTooLargeException("too big"), 413, "invalid_request_error", ErrorCodes.PayloadTooLarge },
        { new TurnFailedException(SessionId.New(), "RateLimited", "429 from the provider"), 502, "server_error", ErrorCodes.TurnFailed },
        { new SessionUnavailableException("shutting down"), 503, "server_error", ErrorCodes.Unavailable },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void From_SessionException_KeepsStatusAndCodeInOpenAiShape(SessionException exception, int status, string type, string code)
    {
        var result = OpenAiErrors.From(exception);

        Assert.Equal(status, result.StatusCode);
        Assert.Equal(type, result.Value!.Error.Type);
        Assert.Equal(code, result.Value.Error.Code);
        Assert.Equal(exception.Message, result.Value.Error.Message);
    }

    [Fact]
    public void From_Validation_ParamIsTheField()
    {
        var result = OpenAiErrors.From(ValidationException.For("messages[2].content", "must not be empty"));

        Assert.Equal("messages[2].content", result.Value!.Error.Param);
    }

    [Fact]
    public void TryFrom_UnexpectedException_IsNull()
    {
        var result = OpenAiErrors.TryFrom(new InvalidOperationException("bug"));

        Assert.Null(result);
    }
}
