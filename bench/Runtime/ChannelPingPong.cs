using System.Threading.Channels;

namespace JidoSessions.Bench.Runtime;

/// <summary>The floor: the same ping-pong between two tasks over System.Threading.Channels.</summary>
internal static class ChannelPingPong
{
    public static async Task RunAsync(int pairs, long roundTrips, int inFlight)
    {
        await Task.WhenAll(Enumerable.Range(0, pairs).Select(_ => RunPairAsync(roundTrips, inFlight)));
    }

    private static Task RunPairAsync(long roundTrips, int inFlight)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var toPonger = Channel.CreateUnbounded<int>(options);
        var toPinger = Channel.CreateUnbounded<int>(options);
        var pinger = Task.Run(async () =>
        {
            var toSend = roundTrips;
            var toReceive = roundTrips;
            for (var i = 0; i < inFlight; i++)
            {
                toSend--;
                toPonger.Writer.TryWrite(1);
            }

            while (await toPinger.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (toPinger.Reader.TryRead(out var ball))
                {
                    if (toSend > 0)
                    {
                        toSend--;
                        toPonger.Writer.TryWrite(ball);
                    }

                    if (--toReceive == 0)
                    {
                        toPonger.Writer.Complete();
                        return;
                    }
                }
            }
        });
        var ponger = Task.Run(async () =>
        {
            while (await toPonger.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (toPonger.Reader.TryRead(out var ball))
                {
                    toPinger.Writer.TryWrite(ball);
                }
            }
        });
        return Task.WhenAll(pinger, ponger);
    }
}
