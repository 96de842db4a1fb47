using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PushChat;
using PushChat.ConsoleHost;

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
builder.Services.Configure<ChatServerOptions>(builder.Configuration.GetSection("Chat"));
builder.Services.AddSingleton<ChatServer>();
builder.Services.AddHostedService<ChatService>();
await builder.Build().RunAsync();
