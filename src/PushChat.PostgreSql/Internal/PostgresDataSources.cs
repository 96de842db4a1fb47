using System.Data.Common;
using Npgsql;

namespace PushChat.PostgreSql.Internal;

/// <summary>
/// Makes the data sources of the package from a user's connection string, with short timeouts
/// unless the user chose others: a node must learn within seconds that its database is gone,
/// never wait on it forever.
/// </summary>
internal static class PostgresDataSources
{
    private const int ConnectSeconds = 5;
    private const int CommandSeconds = 10;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectSeconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = CommandSeconds;
        }

        return NpgsqlDataSource.Create(builder);
    }
}
