using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.ScaleOut;

/// <summary>
/// Two ConsoleHost processes on one PostgreSQL database serve one chat, as two machines behind a
/// load balancer would: one browser (one cookie jar) talks to either.
/// </summary>
[TestClass]
public sealed partial class ConsoleHostNodesTests
{
    [TestMethod]
    [TestCategory("Process")]
    public async Task Guests_on_two_console_hosts_chat_both_ways()
    {
        var browser = new CookieJar();
        var database = PostgresServer.Shared.CreateDatabase();
        await using var a = await ConsoleHostNode.StartAsync(database, "a", browser);
        await using var b = await ConsoleHostNode.StartAsync(database, "b", browser);

        var (annSid, annChat) = await a.EnterAsync("ann");
        await using var annReader = annChat;
        var (bobSid, bobChat) = await b.EnterAsync("bob");
        await using var bobReader = bobChat;
        await annReader.ReadStreamUntilAsync("bob joined.");

        Assert.AreEqual(303, (await a.SayAsync(annSid, "hello from node a")).Status);
        await bobReader.ReadStreamUntilAsync("hello from node a");
        Assert.AreEqual(303, (await b.SayAsync(bobSid, "hello from node b")).Status);
        await annReader.ReadStreamUntilAsync("hello from node b");
        await annReader.ReadStreamUntilAsync("hello from node a");
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task An_account_registered_through_one_node_logs_in_through_the_other_at_once()
    {
        var browser = new CookieJar();
        var database = PostgresServer.Shared.CreateDatabase();
        await using var a = await ConsoleHostNode.StartAsync(database, "a", browser);
        await using var b = await ConsoleHostNode.StartAsync(database, "b", browser);

        var registered = await a.RegisterAsync("Carol", "carol's long pa55");
        Assert.AreEqual(303, registered.Status, registered.Body);

        Assert.AreEqual(403, (await b.LoginAsync("carol", "not her password")).Status, "node b checks the password it shares");
        var login = await b.LoginAsync("carol", "carol's long pa55");
        Assert.AreEqual(303, login.Status, login.Body);
        await using var chat = await b.OpenChatAsync(ConsoleHostNode.SessionOf(login), "Carol joined.");
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_lock_out_earned_through_one_node_holds_on_the_other()
    {
        var browser = new CookieJar();
        var database = PostgresServer.Shared.CreateDatabase();
        await using var a = await ConsoleHostNode.StartAsync(database, "a", browser);
        await using var b = await ConsoleHostNode.StartAsync(database, "b", browser);
        Assert.AreEqual(303, (await a.RegisterAsync("dora", "dora's long pa55")).Status);
        browser.Clear();

        var failures = 0;
        int status;
        do
        {
            status = (await a.LoginAsync("dora", "wrong guess")).Status;
            failures++;
            Assert.IsTrue(failures <= new ChatServerLimits().MaxLoginFailures, "node a never locked the account");
        }
        while (status == 403);
        Assert.AreEqual(429, status, "wrong passwords lock the account");

        var right = await b.LoginAsync("dora", "dora's long pa55");
        Assert.AreEqual(429, right.Status, $"node b let a locked account in after {failures} failures through node a: {right.Body}");
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_database_that_cannot_be_reached_stops_the_start_in_one_line_with_exit_code_4_and_no_password()
    {
        const string Password = "s3cret-db-pa55";
        var connectionString = $"Host=127.0.0.1;Port={PostgresServer.ClosedPort()};Username=chat;Password={Password};Database=chat";

        var (code, errors, output) = await ConsoleHostNode.RunToExitAsync("--port", "0", "--postgres", connectionString, "--node-id", "a");

        Assert.AreEqual(4, code, errors + output);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, lines.Length, "one line: " + errors);
        StringAssert.Contains(lines[0], "PostgreSQL database could not be reached");
        Assert.IsFalse((errors + output).Contains(Password, StringComparison.Ordinal), "the password was printed");
        Assert.IsFalse((errors + output).Contains(" at ", StringComparison.Ordinal), "a stack trace was printed: " + errors + output);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_connection_string_may_come_from_the_environment_and_the_log_names_the_database_without_the_password()
    {
        const string Password = "s3cret-db-pa55";
        var connectionString = $"Host=127.0.0.1;Port={PostgresServer.ClosedPort()};Username=chat;Password={Password};Database=chat_from_env";

        var (code, errors, output) = await ConsoleHostNode.RunToExitAsync(
            new Dictionary<string, string> { ["PUSHCHAT_Chat__Postgres__ConnectionString"] = connectionString },
            "--port", "0");

        Assert.AreEqual(4, code, "the node tried the database named in the environment: " + errors + output);
        StringAssert.Contains(output, "the PostgreSQL database chat_from_env on 127.0.0.1");
        Assert.IsFalse((errors + output).Contains(Password, StringComparison.Ordinal), "the password was printed");
    }

    [TestMethod]
    [TestCategory("Process")]
    [DataRow("Invalid setting Chat:Postgres:NodeTimeout = 'soon'", "--postgres", "Host=127.0.0.1;Password=s3cret-db-pa55", "--Chat:Postgres:NodeTimeout", "soon")]
    [DataRow("Invalid setting Chat:Postgres:NodeTimeout: A node's timeout must be longer than its heartbeat interval", "--postgres", "Host=127.0.0.1;Password=s3cret-db-pa55", "--Chat:Postgres:NodeTimeout", "00:00:01", "--Chat:Postgres:HeartbeatInterval", "00:00:02")]
    [DataRow("Invalid setting Chat:Postgres:ConnectionString", "--postgres", "Hots=127.0.0.1;Password=s3cret-db-pa55")]
    [DataRow("Invalid settings Chat:Postgres: they need Chat:Postgres:ConnectionString (--postgres)", "--node-id", "a")]
    public async Task A_wrong_postgres_setting_stops_the_start_with_exit_code_2_naming_it_and_never_the_password(string expected, params string[] args)
    {
        var (code, errors, output) = await ConsoleHostNode.RunToExitAsync(["--port", "0", .. args]);

        Assert.AreEqual(2, code, errors + output);
        StringAssert.Contains(errors, expected);
        Assert.IsFalse((errors + output).Contains("s3cret-db-pa55", StringComparison.Ordinal), "the password was printed");
    }
}
