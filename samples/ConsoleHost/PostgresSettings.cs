using Microsoft.Extensions.Configuration;
using PushChat.PostgreSql;

namespace PushChat.ConsoleHost;

/// <summary>
/// Reads the Chat:Postgres settings, which make this host one node of a chat shared through a
/// PostgreSQL database: ConnectionString (--postgres), NodeId (--node-id), and the backplane's
/// NodeTimeout, HeartbeatInterval and PollInterval. Messages name settings, never the
/// connection string's value, which may hold a password.
/// </summary>
internal static class PostgresSettings
{
    /// <summary>The section under Chat.</summary>
    public const string SectionName = "Postgres";

    /// <summary>
    /// This node of the shared chat and the connection string of its database when one is
    /// configured, or null when the chat runs on its own or a setting is wrong (each problem is
    /// added to <paramref name="problems"/>). Nothing is connected yet.
    /// </summary>
    public static (PostgresChatBackplane Backplane, string ConnectionString)? Read(IConfigurationSection chat, List<string> problems)
    {
        var section = chat.GetSection(SectionName);
        var path = section.Path;
        if (string.IsNullOrWhiteSpace(section["ConnectionString"]))
        {
            if (section.AsEnumerable(makePathsRelative: true).Any(setting => setting.Value is not null && setting.Key != "ConnectionString"))
            {
                problems.Add($"Invalid settings {path}: they need {path}:ConnectionString (--postgres) as well.");
            }

            return null;
        }

        var options = new PostgresBackplaneOptions();
        var readable = true;
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            // Each value is bound alone, so that every unreadable one is named, not just the first.
            try
            {
                new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build().Bind(options);
            }
            catch (InvalidOperationException)
            {
                problems.Add($"Invalid setting {path}:{key} = '{value}': expected a duration like 00:00:15.");
                readable = false;
            }
        }

        if (!readable)
        {
            return null;
        }

        // The package's own rules (and the connection string's syntax), as it checks them when the node is made.
        try
        {
            return (new PostgresChatBackplane(options), options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            var setting = ex.ParamName is nameof(options.NodeId) or nameof(options.NodeTimeout) or nameof(options.HeartbeatInterval) or nameof(options.PollInterval)
                ? ex.ParamName
                : nameof(options.ConnectionString);
            problems.Add($"Invalid setting {path}:{setting}: {FirstSentence(ex)}");
            return null;
        }
    }

    /// <summary>Which database a connection string names, for the log: its host and name, never its password.</summary>
    public static string Describe(string connectionString)
    {
        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"the PostgreSQL database {parsed.Database ?? parsed.Username ?? "(default)"} on {parsed.Host ?? "localhost"}:{parsed.Port}";
    }

    /// <summary>The exception's first line without the " (Parameter '…')" the runtime appends.</summary>
    private static string FirstSentence(ArgumentException ex)
    {
        var message = ex.Message.Split('\n')[0].TrimEnd();
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }
}
