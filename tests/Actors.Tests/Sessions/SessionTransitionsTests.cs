using JidoSessions.Actors.Sessions;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Sessions;

public sealed class SessionTransitionsTests
{
    [Theory]
    [InlineData(SessionStatus.Initializing, SessionStatus.Active)]
    [InlineData(SessionStatus.Active, SessionStatus.Idle)]
    [InlineData(SessionStatus.Idle, SessionStatus.Active)]
    [InlineData(SessionStatus.Active, SessionStatus.Terminating)]
    [InlineData(SessionStatus.Idle, SessionStatus.Terminating)]
    [InlineData(SessionStatus.Terminating, SessionStatus.Terminated)]
    [InlineData(SessionStatus.Active, SessionStatus.Failed)]
    [InlineData(SessionStatus.Failed, SessionStatus.Terminating)]
    public void Move_LegalTransition_ReturnsTarget(SessionStatus from, SessionStatus to)
    {
        Assert.Equal(to, SessionTransitions.Move(SessionId.New(), from, to));
    }

    [Theory]
    [InlineData(SessionStatus.Terminated, SessionStatus.Active)]
    [InlineData(SessionStatus.Terminating, SessionStatus.Active)]
    [InlineData(SessionStatus.Failed, SessionStatus.Active)]
    [InlineData(SessionStatus.Idle, SessionStatus.Initializing)]
    [InlineData(SessionStatus.Active, SessionStatus.Terminated)]
    [InlineData(SessionStatus.Terminated, SessionStatus.Failed)]
    public void Move_IllegalTransition_ThrowsInvalidTransition(SessionStatus from, SessionStatus to)
    {
        var id = SessionId.New();

        var error = Assert.Throws<InvalidTransitionException>(() => SessionTransitions.Move(id, from, to));

        Assert.Equal(from, error.From);
        Assert.Equal(id, error.SessionId);
        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
    }

    [Fact]
    public void Apply_EventsInOrder_RebuildsState()
    {
        var id = SessionId.New();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var state = SessionState.Empty(id, TenantId.Default);

        state = state
            .Apply(new SessionOpened(id, TenantId.Default, SessionKey.Parse("k"), new SessionConfig { Voice = "a" }, at))
            .Apply(new SessionStatusMoved(SessionStatus.Initializing, SessionStatus.Active, "created", at))
            .Apply(new SessionConfigChanged(new SessionConfig { Voice = "b" }, at.AddMinutes(1)))
            .Apply(new SessionStatusMoved(SessionStatus.Active, SessionStatus.Idle, "idle", at.AddMinutes(5)));

        Assert.Equal(SessionStatus.Idle, state.Status);
        Assert.Equal("b", state.Config.Voice);
        Assert.Equal(at, state.CreatedAt);
        Assert.Equal(at.AddMinutes(5), state.UpdatedAt);
        Assert.Equal(SessionKey.Parse("k"), state.Key);
    }
}
