using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PushChat.Authentication;
using PushChat.Filtering;
using PushChat.Localization;
using PushChat.Rendering;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.DependencyInjection;

/// <summary>A server registered with <c>AddPushChat</c>, resolved from a container and driven over loopback.</summary>
[TestClass]
public sealed class AddPushChatTests
{
    [TestMethod]
    public async Task A_server_from_the_container_serves_a_real_login()
    {
        await using var provider = Services().BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice, "alice joined.");

        Assert.AreEqual("alice", chat.Server.OnlineUsers.Single().Name);
    }

    [TestMethod]
    public async Task Options_configured_apart_from_AddPushChat_apply()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddPushChat();
        services.Configure<ChatServerOptions>(o =>
        {
            o.Port = 0;
            o.ShutdownTimeout = TimeSpan.Zero;
            o.Title = "Configured apart";
        });
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var page = await chat.RequestAsync(ChatTestServer.Get("/"));

        StringAssert.Contains(page.Body, "<h1>Configured apart</h1>");
    }

    [TestMethod]
    public async Task AddPushChat_twice_registers_one_server_with_both_configurations()
    {
        var services = Services(o => o.Title = "First");
        services.AddPushChat(o => o.DefaultRoom = "Second");
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        Assert.AreEqual(1, services.Count(d => d.ServiceType == typeof(ChatServer)));
        Assert.AreEqual("Second", chat.Server.Rooms.Single().Name);
        StringAssert.Contains((await chat.RequestAsync(ChatTestServer.Get("/"))).Body, "<h1>First</h1>");
    }

    [TestMethod]
    public async Task ValidateOnStart_reports_every_problem_before_anything_listens()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPushChat(o =>
        {
            o.Port = 70000;
            o.HistoryLength = -1;
            o.Limits.MaxConnections = 0;
        });
        builder.Services.AddOptions<ChatServerOptions>().ValidateOnStart();
        using var host = builder.Build();

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());

        CollectionAssert.AreEquivalent(
            new[]
            {
                "Port 70000 must be between 0 and 65535.",
                "HistoryLength -1 must be between 0 and 100,000.",
                "Limits.MaxConnections must be at least 1.",
            },
            error.Failures.ToArray());
    }

    [TestMethod]
    public async Task A_registered_authenticator_decides_logins()
    {
        var services = Services();
        services.AddSingleton<IAuthenticator>(new OnlyNamesStartingWith('a'));
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var refused = await chat.RequestAsync(ChatTestServer.Post("/login", "name=bob&password="));
        await chat.LoginAsync("anna");

        Assert.AreEqual(403, refused.Status);
        StringAssert.Contains(refused.Body, "Only names with a today.");
    }

    [TestMethod]
    public async Task An_authenticator_set_on_the_options_wins_over_the_registered_one()
    {
        var services = Services(o => o.Authenticator = new OnlyNamesStartingWith('b'));
        services.AddSingleton<IAuthenticator>(new OnlyNamesStartingWith('a'));
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var refused = await chat.RequestAsync(ChatTestServer.Post("/login", "name=anna&password="));
        await chat.LoginAsync("bob");

        Assert.AreEqual(403, refused.Status);
        StringAssert.Contains(refused.Body, "Only names with b today.");
    }

    [TestMethod]
    public async Task A_registered_user_store_backs_the_default_authenticator()
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("carol", "secret"), CancellationToken.None);
        var services = Services(o => o.AllowGuests = false);
        services.AddSingleton<IUserStore>(users);
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var guest = await chat.RequestAsync(ChatTestServer.Post("/login", "name=dave&password="));
        await chat.LoginAsync("carol", "secret");

        Assert.AreEqual(403, guest.Status);
    }

    [TestMethod]
    public async Task Registered_filters_run_after_the_filters_on_the_options()
    {
        // The registered filter rejects only what the option's filter wrote, so the order shows.
        var services = Services(o => o.MessageFilters.Add(new Rewriting("darn", "d**n")));
        services.AddSingleton<IMessageFilter>(new RejectingWord("d**n"));
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);
        var alice = await chat.LoginAsync("alice");
        await using var reader = await chat.OpenChatAsync(alice);

        var rejected = await chat.SayAsync(alice, "darn it");

        Assert.AreEqual(422, rejected.Status);
        StringAssert.Contains(rejected.Body, "No d**n here.");
        var configured = provider.GetRequiredService<IOptions<ChatServerOptions>>().Value.MessageFilters;
        Assert.AreEqual(2, configured.Count, "The registered filter was added to the server's copy, not to the configured options.");
    }

    [TestMethod]
    public async Task A_registered_page_renderer_draws_the_pages()
    {
        var services = Services();
        services.AddSingleton<IPageRenderer>(new MarkedLogin());
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var page = await chat.RequestAsync(ChatTestServer.Get("/"));

        StringAssert.Contains(page.Body, "<!-- marked -->");
    }

    [TestMethod]
    public async Task The_registered_clock_and_logger_factory_are_used()
    {
        var logs = new CapturingLoggerProvider();
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddSingleton<TimeProvider>(time);
        services.AddPushChat(o =>
        {
            o.Port = 0;
            o.ShutdownTimeout = TimeSpan.Zero;
        });
        await using var provider = services.BuildServiceProvider();
        await using var chat = await StartAsync(provider);

        var notice = chat.Server.PostNotice("tick");

        Assert.AreEqual(time.GetUtcNow(), notice.Time);
        Assert.IsTrue(logs.Messages.Any(m => m.Contains($"listening on {chat.EndPoint}", StringComparison.Ordinal)), string.Join("\n", logs.Messages));
    }

    private static ServiceCollection Services(Action<ChatServerOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddPushChat(o =>
        {
            o.Port = 0;
            o.ShutdownTimeout = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        return services;
    }

    private static async Task<ChatTestServer> StartAsync(IServiceProvider provider)
    {
        var server = provider.GetRequiredService<ChatServer>();
        await server.StartAsync();
        return ChatTestServer.Attach(server, (FakeTimeProvider)provider.GetRequiredService<TimeProvider>());
    }

    private sealed class OnlyNamesStartingWith(char first) : IAuthenticator
    {
        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
            new(context.UserName[0] == first
                ? AuthenticationResult.Success(context.UserName, ChatRole.User)
                : AuthenticationResult.Failure($"Only names with {first} today."));
    }

    private sealed class Rewriting(string word, string replacement) : IMessageFilter
    {
        public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
            new(context.Text.Contains(word, StringComparison.Ordinal)
                ? MessageFilterResult.Rewrite(context.Text.Replace(word, replacement, StringComparison.Ordinal))
                : MessageFilterResult.Allow());
    }

    private sealed class RejectingWord(string word) : IMessageFilter
    {
        public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
            new(context.Text.Contains(word, StringComparison.Ordinal)
                ? MessageFilterResult.Reject($"No {word} here.")
                : MessageFilterResult.Allow());
    }

    private sealed class MarkedLogin : IPageRenderer
    {
        private readonly DefaultPageRenderer _inner = new();

        public string StyleSheet => _inner.StyleSheet;

        public string RenderLogin(LoginPage page) => _inner.RenderLogin(page) + "<!-- marked -->";

        public string RenderFrameset(SessionPage page) => _inner.RenderFrameset(page);

        public string RenderChatStart(SessionPage page) => _inner.RenderChatStart(page);

        public string RenderLine(ChatMessage message, ChatLanguage language) => _inner.RenderLine(message, language);

        public string RenderLineDeleted(ChatMessage message) => _inner.RenderLineDeleted(message);

        public string RenderHiddenLineStyle(string room, long sequence) => _inner.RenderHiddenLineStyle(room, sequence);

        public string RenderLines(LinesPage page) => _inner.RenderLines(page);

        public string RenderModeration(ModerationPage page) => _inner.RenderModeration(page);

        public string RenderChatEnd() => _inner.RenderChatEnd();

        public string RenderTalk(TalkPage page) => _inner.RenderTalk(page);

        public string RenderNamesStart(SessionPage page) => _inner.RenderNamesStart(page);

        public string RenderNames(NamesPage page) => _inner.RenderNames(page);

        public string RenderNamesEnd(SessionPage page) => _inner.RenderNamesEnd(page);

        public string RenderRegister(RegisterPage page) => _inner.RenderRegister(page);

        public string RenderRegisterOffer(RegisterPage page) => _inner.RenderRegisterOffer(page);

        public string RenderPassword(PasswordPage page) => _inner.RenderPassword(page);

        public string RenderError(ErrorPage page) => _inner.RenderError(page);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
