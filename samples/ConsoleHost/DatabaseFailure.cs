using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using PushChat.ScaleOut;

namespace PushChat.ConsoleHost;

/// <summary>
/// Says in one line why the chat's PostgreSQL database could not be used at start (down, wrong
/// address, wrong password, no such database), instead of a stack trace. The line never holds
/// the connection string's password.
/// </summary>
internal static class DatabaseFailure
{
    /// <summary>Whether the exception comes from the database or the way to it, not from a mistake of the program.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is BackplaneUnavailableException or DbException or TimeoutException or SocketException or IOException;

    /// <summary>The line to print.</summary>
    /// <param name="exception">What the package or the driver threw.</param>
    /// <param name="connectionString">The connection string, whose password is masked should the message ever hold it.</param>
    public static string Describe(Exception exception, string connectionString)
    {
        var message = exception is BackplaneUnavailableException
            ? FirstLine(exception.Message)
            : $"The chat's PostgreSQL database could not be reached: {FirstLine(exception.Message)}";
        var password = PasswordOf(connectionString);
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();

    private static string? PasswordOf(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).Password;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
