using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.DependencyInjection;

/// <summary>The server as a hosted service: it runs for the lifetime of a generic host.</summary>
[TestClass]
public sealed class HostedPushChatTests
{
    [TestMethod]
    public async Task The_host_starts_the_server_and_stops_it_gracefully()
    {
        var time = new FakeTimeProvider();
        using var host = Build(time, o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        var server = host.Services.GetRequiredService<ChatServer>();
        Assert.IsFalse(server.IsRunning);

        await host.StartAsync();
        var chat = ChatTestServer.Attach(server, time);
        var alice = await chat.LoginAsync("alice");
        var reader = await chat.OpenChatAsync(alice, "alice joined.");
        var stopping = host.StopAsync();

        Assert.IsTrue(await reader.ReadToEndAsync());
        await reader.DisposeAsync();
        await stopping.WaitAsync(RawHttpClient.SafetyTimeout);
        StringAssert.Contains(reader.StreamText, "shutting down");
        Assert.IsFalse(server.IsRunning);
    }

    [TestMethod]
    public async Task Stopping_honours_the_host_shutdown_token()
    {
        // The fake clock never reaches the chat's own shutdown timeout, and the reader never closes
        // its end, so only the host's token can end the wait.
        var time = new FakeTimeProvider();
        using var host = Build(time, o => o.ShutdownTimeout = TimeSpan.FromDays(1));
        await host.StartAsync();
        var server = host.Services.GetRequiredService<ChatServer>();
        var chat = ChatTestServer.Attach(server, time);
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");

        await host.StopAsync(new CancellationToken(canceled: true)).WaitAsync(RawHttpClient.SafetyTimeout);

        Assert.IsFalse(server.IsRunning);
        Assert.IsTrue(await reader.ReadToEndAsync());
    }

    [TestMethod]
    public async Task Invalid_options_keep_the_host_from_starting_and_list_every_problem()
    {
        using var host = Build(new FakeTimeProvider(), o =>
        {
            o.Title = " ";
            o.DefaultRoom = string.Empty;
        });

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());

        CollectionAssert.AreEquivalent(new[] { "Title must not be empty.", "DefaultRoom must not be empty." }, error.Failures.ToArray());
    }

    [TestMethod]
    public void AddHostedPushChat_twice_registers_one_hosted_service()
    {
        var services = new ServiceCollection();
        services.AddHostedPushChat();
        services.AddHostedPushChat(o => o.Port = 0);

        Assert.AreEqual(1, services.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.AreEqual(1, services.Count(d => d.ServiceType == typeof(ChatServer)));
    }

    private static IHost Build(FakeTimeProvider time, Action<ChatServerOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddHostedPushChat(o =>
        {
            o.Port = 0;
            configure(o);
        });
        return builder.Build();
    }
}
