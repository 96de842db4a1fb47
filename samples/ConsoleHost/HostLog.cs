using Microsoft.Extensions.Logging;
using PushChat;

namespace PushChat.ConsoleHost;

/// <summary>The console host's own log messages. None carries a password.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "Accounts are kept in {File}")]
    public static partial void AccountFile(ILogger logger, string file);

    [LoggerMessage(2, LogLevel.Information, "The account {Name} exists ({Role}); the Chat:Admin settings were not applied")]
    public static partial void AdminExists(ILogger logger, string name, ChatRole role);

    [LoggerMessage(3, LogLevel.Warning, "Created the administrator account {Name} from the Chat:Admin settings")]
    public static partial void AdminCreated(ILogger logger, string name);

    [LoggerMessage(4, LogLevel.Warning, "Remove Chat:Admin:Password from the configuration: the account exists and the password is no longer needed there")]
    public static partial void RemoveAdminPassword(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Accounts are kept in {Database}, shared by the chat's nodes; this node is {NodeId}")]
    public static partial void SharedAccounts(ILogger logger, string database, string nodeId);
}
