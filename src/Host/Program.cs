using JidoSessions.Host.Cli;

return await JidoCli.RunAsync(args, Console.In, Console.Out, Console.Error);
