using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PushChat;
using PushChat.ConsoleHost;
using PushChat.PostgreSql;
using PushChat.ScaleOut;
using PushChat.Users;

// "ConsoleHost hash-password" reads a password from the standard input and prints its hash, for
// Chat:Admin:PasswordHash, so that no password needs to be kept in the configuration.
if (args is ["hash-password"])
{
    var password = Console.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        await Console.Error.WriteLineAsync("Type the password on the standard input.");
        return 2;
    }

    Console.WriteLine(UserAccount.Create("admin", password).PasswordHash);
    return 0;
}

// Options come from appsettings.json, then environment variables (PUSHCHAT_Chat__Port=8080),
// then the command line (--port 8080, --listen 0.0.0.0, --title "My chat", --data ./data,
// --cert chat.pem --cert-key chat.key, --postgres "Host=…" --node-id a, or --Chat:Port 8080).
// A mistyped option stops the start.
if (CommandLine.Problem(args) is { } usageProblem)
{
    await Console.Error.WriteLineAsync(usageProblem);
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return ExitCodes.BadConfiguration;
}

// The program's own folder is the content root wherever it is started from, so its
// appsettings.json is read also under "dotnet run --project samples/ConsoleHost" or a service manager.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("PUSHCHAT_");
builder.Configuration.AddCommandLine(args, CommandLine.Switches.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase));

// A failed start is reported in one line of our own (below); the host would log it again with its stack trace.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

// HTTPS when a certificate is configured; a certificate that cannot be loaded stops the start.
var problems = new List<string>();
(System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, System.Security.Cryptography.X509Certificates.X509Certificate2Collection Chain)? tls = null;
try
{
    tls = TlsCertificate.Load(builder.Configuration.GetSection("Chat:Tls"));
}
catch (MissingKeyException ex)
{
    problems.Add(ex.Message);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return ExitCodes.UnreadableFile;
}

// Every wrong setting is named at once, before anything is opened.
var chatSection = builder.Configuration.GetSection("Chat");
problems.AddRange(SettingsCheck.Problems(chatSection, tls));
var maxUserNameLength = chatSection.GetSection("Limits:MaxUserNameLength").Get<int?>() is { } configuredLength and > 0 ? configuredLength : new ChatServerLimits().MaxUserNameLength;
problems.AddRange(FirstAdmin.Problems(chatSection.GetSection("Admin"), maxUserNameLength));
var shared = PostgresSettings.Read(chatSection, problems);
if (problems.Count > 0)
{
    if (shared is { } unused)
    {
        await unused.Backplane.DisposeAsync();
    }

    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    return ExitCodes.BadConfiguration;
}

// Accounts live in data/users.json; a damaged file stops the start and is left as it is.
// A node of a chat shared through PostgreSQL keeps them in its database instead, with the others.
IUserStore users;
string? accountFile = null;
if (shared is { } database)
{
    users = new PostgresUserStore(database.ConnectionString);
}
else
{
    try
    {
        var folder = DataFolder.Resolve(builder.Configuration["Chat:DataDirectory"]);
        var file = FileUserStore.Open(Path.Combine(folder, "users.json"));
        users = file;
        accountFile = file.FilePath;
    }
    catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return ExitCodes.UnreadableFile;
    }
}

// The chat starts with the host; Ctrl+C and SIGTERM stop it gracefully.
builder.Services.AddSingleton<IUserStore>(users);
builder.Services.AddHostedPushChat();
builder.Services.Configure<ChatServerOptions>(chatSection);
builder.Services.PostConfigure<ChatServerOptions>(options =>
{
    options.Backplane ??= shared?.Backplane;
    if (options.Certificate is null && tls is { } configured)
    {
        options.Certificate = configured.Certificate;
        options.CertificateChain.AddRange(configured.Chain);
    }
});

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PushChat.ConsoleHost");
if (shared is { } thisNode)
{
    HostLog.SharedAccounts(logger, PostgresSettings.Describe(thisNode.ConnectionString), thisNode.Backplane.NodeId);
}
else
{
    HostLog.AccountFile(logger, accountFile!);
}

try
{
    await FirstAdmin.EnsureAsync(users, chatSection.GetSection("Admin"), logger, CancellationToken.None);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await StoresClosedAsync();
    return ExitCodes.UnreadableFile;
}
catch (Exception ex) when (shared is not null && DatabaseFailure.IsUnreachable(ex))
{
    await Console.Error.WriteLineAsync(DatabaseFailure.Describe(ex, shared?.ConnectionString ?? string.Empty));
    await StoresClosedAsync();
    return ExitCodes.DatabaseUnavailable;
}

var server = host.Services.GetRequiredService<ChatServer>();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
{
    var endPoint = server.LocalEndPoint!;
    var name = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.Loopback)
        ? "localhost"
        : endPoint.Address.ToString();
    var scheme = tls is null ? "http" : "https";
    Console.WriteLine($"PushChat is running: open {scheme}://{name}:{endPoint.Port}/ in a browser. Press Ctrl+C to stop.");
});
var listening = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatServerOptions>>().Value;
try
{
    await host.RunAsync();
}
catch (System.Net.Sockets.SocketException ex)
{
    await Console.Error.WriteLineAsync(ListenFailure.Describe(ex, listening.ListenAddress, listening.Port));
    await StoresClosedAsync();
    return ExitCodes.CannotListen;
}
catch (Exception ex) when (shared is not null && DatabaseFailure.IsUnreachable(ex))
{
    await Console.Error.WriteLineAsync(DatabaseFailure.Describe(ex, shared?.ConnectionString ?? string.Empty));
    await StoresClosedAsync();
    return ExitCodes.DatabaseUnavailable;
}

await StoresClosedAsync();
return ExitCodes.Stopped;

// Folds the account journal into users.json, so the next start reads one file; a node closes its
// database connections (the chat's stop already told the other nodes this one left).
async Task StoresClosedAsync()
{
    if (users is IAsyncDisposable closable)
    {
        await closable.DisposeAsync();
    }

    if (shared is { } node)
    {
        await node.Backplane.DisposeAsync();
    }
}
