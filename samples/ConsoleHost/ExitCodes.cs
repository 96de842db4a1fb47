namespace PushChat.ConsoleHost;

/// <summary>
/// How the console host ends, for scripts and service managers. The shipped systemd unit does
/// not restart on 1, 2 or 3: each needs a person to change something first.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Stopped as asked (Ctrl+C, SIGTERM).</summary>
    public const int Stopped = 0;

    /// <summary>A file could not be read: the account file or the TLS certificate.</summary>
    public const int UnreadableFile = 1;

    /// <summary>The command line or a setting is wrong; the message names it.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The chat cannot listen on its address and port: another program has the port, the port needs privileges, or the address is not this machine's.</summary>
    public const int CannotListen = 3;

    /// <summary>
    /// The chat's PostgreSQL database (Chat:Postgres:ConnectionString) could not be reached or
    /// refused the connection. Restarting may help: a database that was starting may be up by then.
    /// </summary>
    public const int DatabaseUnavailable = 4;
}
