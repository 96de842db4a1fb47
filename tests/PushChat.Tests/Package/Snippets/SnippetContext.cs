// What README's fragments have in scope: the package's namespaces, the builder of "Dependency
// injection", the options of "Extension points", the server of "Chatting" and "Accounts", and
// stand-ins for the types the examples say are the reader's own.
global using System.Net;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
global using PushChat;
global using PushChat.Authentication;
global using PushChat.Filtering;
global using PushChat.Rendering;
global using PushChat.Users;

namespace ReadmeSnippets;

internal abstract class SnippetContext
{
    protected static readonly string[] args = [];
    protected static readonly HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
    protected static readonly ChatServerOptions options = new();
    protected static readonly ChatServer chat = new(options);
    protected static readonly IDirectory directory = new NoDirectory();
}

internal interface IDirectory
{
    Task<bool> CheckPasswordAsync(string name, string password, CancellationToken cancellationToken);
}

internal sealed class NoDirectory : IDirectory
{
    public Task<bool> CheckPasswordAsync(string name, string password, CancellationToken cancellationToken) => Task.FromResult(false);
}

internal sealed class CompanyDirectoryAuthenticator : IAuthenticator
{
    public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken) =>
        new(AuthenticationResult.Failure("Nobody is in this directory."));
}

internal sealed class MyUserStore : IUserStore
{
    public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) => new((UserAccount?)null);

    public ValueTask<bool> CreateAsync(UserAccount account, CancellationToken cancellationToken) => new(false);

    public ValueTask<bool> UpdateAsync(UserAccount expected, UserAccount updated, CancellationToken cancellationToken) => new(false);
}

internal sealed class MyRenderer : DefaultPageRenderer;

internal sealed class ProfanityFilter : IMessageFilter
{
    public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken) =>
        new(MessageFilterResult.Allow());
}
