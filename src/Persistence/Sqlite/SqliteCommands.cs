using Microsoft.Data.Sqlite;

namespace JidoSessions.Persistence.Sqlite;

/// <summary>The store's long-lived commands: parameters declared once by name, values bound in that order per use.</summary>
internal static class SqliteCommands
{
    /// <summary>A command for <paramref name="sql"/> on <paramref name="connection"/>, one parameter per name.</summary>
    public static SqliteCommand Create(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>Sets the parameters' values in the order they were declared.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, params ReadOnlySpan<object> values)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i];
        }

        return command;
    }
}
