using System.CommandLine;

namespace JidoSessions.Host.Cli;

/// <summary>
/// The <c>jido</c> command line: <c>serve</c> (the default), <c>chat</c>, and <c>sessions list|show|end</c>.
/// </summary>
internal static class JidoCli
{
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        RunAsync(args, new CliContext(input, output, error));

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = Build(context);
        var invocation = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,

            // The generic host handles Ctrl+C itself (graceful shutdown); chat exits on end of input.
            ProcessTerminationTimeout = null,
        };
        return await root.Parse(args).InvokeAsync(invocation);
    }

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("JidoSessions: isolated, concurrent LLM-agent sessions. With no command, runs 'serve'.");
        var serve = ServeCommand.Create(context);
        ServeCommand.AttachTo(root, context);
        root.Add(serve);
        root.Add(ChatCommand.Create(context));
        root.Add(SessionsCommand.Create(context));
        return root;
    }
}
