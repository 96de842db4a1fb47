using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PushChat;

// Options come from appsettings.json, then environment variables (PUSHCHAT_Chat__Port=8080),
// then the command line (--port 8080, --listen 0.0.0.0, --title "My chat", or --Chat:Port 8080).
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddEnvironmentVariables("PUSHCHAT_");
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--port"] = "Chat:Port",
    ["--listen"] = "Chat:ListenAddress",
    ["--title"] = "Chat:Title",
});

// The chat starts with the host; Ctrl+C and SIGTERM stop it gracefully.
builder.Services.AddHostedPushChat();
builder.Services.Configure<ChatServerOptions>(builder.Configuration.GetSection("Chat"));

using var host = builder.Build();
var server = host.Services.GetRequiredService<ChatServer>();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
{
    var endPoint = server.LocalEndPoint!;
    var name = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.Loopback)
        ? "localhost"
        : endPoint.Address.ToString();
    Console.WriteLine($"PushChat is running: open http://{name}:{endPoint.Port}/ in a browser. Press Ctrl+C to stop.");
});
await host.RunAsync();
