using System.Data.Common;
using System.Globalization;

namespace RunRun.Actors.AdoNet;

/// <summary>Binding values to reused commands and reading typed results, the same way for every engine.</summary>
internal static class DbCommandExtensions
{
    /// <summary>Sets a parameter's value, adding the parameter the first time the command is used.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>The first column of the first row as a long, or null when there is no row or it is NULL.</summary>
    public static long? ExecuteInt64(this DbCommand command)
    {
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
