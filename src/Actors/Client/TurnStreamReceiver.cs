using System.Threading.Channels;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Client;
using Akka.Actor;

namespace JidoSessions.Actors.Client;

/// <summary>Turns a streamed turn's messages (deltas, then the reply or a failure) into channel items.</summary>
internal sealed class TurnStreamReceiver(ChannelWriter<TurnUpdate> updates) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case TurnDelta delta:
                updates.TryWrite(new TurnUpdate(delta.Text, null));
                break;
            case MessageReply reply:
                updates.TryWrite(new TurnUpdate("", reply));
                updates.TryComplete();
                break;
            case FailureReply failure:
                updates.TryComplete(failure.Error);
                break;
            case Status.Failure failure:
                updates.TryComplete(failure.Cause);
                break;
        }
    }

    protected override void PostStop() => updates.TryComplete();
}
