using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

// A load generator for the crash-recovery test: it runs sessions on a SQLite file and prints one line per
// acknowledged operation, flushed at once, until it is killed. The test kills it mid-load (SIGKILL) and
// checks that every printed operation survived.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: JidoSessions.CrashWorker DB_PATH WORKERS");
    return 2;
}

var options = new SessionSystemOptions
{
    SystemName = "crash-worker",
    Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = args[0] },
};
await using var system = await SessionSystem.StartAsync(options);
var client = system.ForTenant(TenantId.Default);
var output = Console.Out;
var gate = new Lock();

void Ack(string line)
{
    lock (gate)
    {
        output.WriteLine(line);
        output.Flush();
    }
}

Ack("ready");
var workers = Enumerable.Range(0, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)).Select(worker => Task.Run(async () =>
{
    for (var round = 0; ; round++)
    {
        var key = $"crash-{worker}-{round}";
        var session = (await client.GetOrCreateAsync(SessionKey.Parse(key))).Session.Id;
        Ack($"session {key} {session}");
        var voice = $"voice-{worker}-{round}";
        await client.SetConfigAsync(session, new SessionConfig { Voice = voice });
        Ack($"config {session} {voice}");
        for (var n = 0; n < 5; n++)
        {
            var text = $"ack-{worker}-{round}-{n}";
            await client.SendAsync(session, text);
            Ack($"message {session} {text}");
        }
    }
})).ToArray();
await Task.WhenAll(workers);
return 0;
