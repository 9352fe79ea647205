using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

// A load generator for the crash-recovery test: it runs sessions on a store and prints one line per acknowledged
// operation, flushed at once, until it is killed. The test kills it mid-load (SIGKILL) and checks that every printed
// operation survived.
StorageOptions? storage = args switch
{
    ["sqlite", var path, _] => new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path },
    ["postgres", var connection, var schema, _] => new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = connection, PostgresSchema = schema },
    _ => null,
};
if (storage is null)
{
    Console.Error.WriteLine("usage: JidoSessions.CrashWorker sqlite DB_PATH WORKERS | postgres CONNECTION_STRING SCHEMA WORKERS");
    return 2;
}

var options = new SessionSystemOptions { SystemName = "crash-worker", Storage = storage };
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
var workers = Enumerable.Range(0, int.Parse(args[^1], System.Globalization.CultureInfo.InvariantCulture)).Select(worker => Task.Run(async () =>
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
