using PushChat.Internal.Names;

namespace PushChat.Internal.Chat.Services;

/// <summary>
/// What the services that let users in and let them speak share, one of each per server: a login
/// and a registration draw on the same lock-out and budgets, and every service runs the host's
/// hooks and reports a failing one the same way.
/// </summary>
/// <param name="Hooks">Runs the host's hooks with their timeout.</param>
/// <param name="Refusals">How a failing hook is reported.</param>
/// <param name="Budgets">Per-address and server-wide rate budgets.</param>
/// <param name="ReservedNames">Names nobody but their owner may use.</param>
/// <param name="Lockout">The per-account login lock-out.</param>
internal sealed record ServiceGuards(HookRunner Hooks, HookRefusals Refusals, RateBudgets Budgets, ReservedNames ReservedNames, LoginLockout Lockout);
