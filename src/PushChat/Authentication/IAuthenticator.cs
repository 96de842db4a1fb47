using System.Threading;
using System.Threading.Tasks;

namespace PushChat.Authentication;

/// <summary>
/// Decides who may log in. Called once per login attempt. Fails closed: if it throws, the login
/// is refused and the error is logged.
/// </summary>
public interface IAuthenticator
{
    /// <summary>Accepts or refuses a login.</summary>
    /// <param name="context">The name and password typed, and where the request came from.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>An accepted user, or a refusal with a reason shown on the login page.</returns>
    ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationContext context, CancellationToken cancellationToken);
}
