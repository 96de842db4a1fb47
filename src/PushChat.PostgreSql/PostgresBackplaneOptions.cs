using System;
using System.Diagnostics;
using System.Security.Cryptography;

namespace PushChat.PostgreSql;

/// <summary>How a <see cref="PostgresChatBackplane"/> reaches its database and how often it checks on the other nodes.</summary>
public sealed class PostgresBackplaneOptions
{
    /// <summary>
    /// The Npgsql connection string of the chat's database (required). Several chats need several
    /// databases (or schemas, through <c>Search Path</c>). Without a <c>Timeout</c> or
    /// <c>Command Timeout</c> of its own, the backplane connects within 5 seconds and runs a
    /// command within 10, so a node learns quickly that the database is gone.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// This node's name, unique among the chat's running nodes. Defaults to the machine's name,
    /// the process id and a short random part, so that a restarted process is a new node.
    /// </summary>
    public string NodeId { get; set; } = DefaultNodeId();

    /// <summary>
    /// How long after its last heartbeat a node still counts as alive. Defaults to 15 seconds: three
    /// heartbeats, so one slow round trip does not declare a node lost.
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often the node says it is alive and, when it does not lead, tries to take the lead.
    /// Defaults to 5 seconds: a leader that is gone is replaced within about that long.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a reader waits for a notification before it looks for new changes anyway.
    /// Notifications only wake readers up; a lost one costs at most this delay. Defaults to 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("The backplane needs a connection string.", nameof(ConnectionString));
        }

        if (string.IsNullOrWhiteSpace(NodeId))
        {
            throw new ArgumentException("A node needs a name.", nameof(NodeId));
        }

        RequirePositive(NodeTimeout, nameof(NodeTimeout));
        RequirePositive(HeartbeatInterval, nameof(HeartbeatInterval));
        RequirePositive(PollInterval, nameof(PollInterval));
        if (NodeTimeout <= HeartbeatInterval)
        {
            throw new ArgumentException("A node's timeout must be longer than its heartbeat interval, or live nodes would seem lost between heartbeats.", nameof(NodeTimeout));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be longer than zero.");
        }
    }

    private static string DefaultNodeId()
    {
        Span<byte> random = stackalloc byte[3];
        RandomNumberGenerator.Fill(random);
        return $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(random)}";
    }
}
