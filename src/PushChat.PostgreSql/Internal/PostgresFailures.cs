using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace PushChat.PostgreSql.Internal;

/// <summary>Tells a database that cannot be reached (worth waiting and trying again) from a mistake in what was asked.</summary>
internal static class PostgresFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => IsUnavailable(postgres.SqlState),
        NpgsqlException => true,
        TimeoutException or IOException or SocketException => true,
        _ => false,
    };

    // Class 08 (connection exception), 57P01..57P03 (admin shutdown, crash shutdown, cannot
    // connect now) and 53300 (too many connections): the server, not the statement, failed.
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        || sqlState == PostgresErrorCodes.TooManyConnections;
}
