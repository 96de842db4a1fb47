namespace PushChat.Tests.Infrastructure;

public static class TestLimits
{
    /// <summary>
    /// Turns the per-address budgets off, for tests of something else that log in crowds or post
    /// floods: every test client comes from one loopback address.
    /// </summary>
    public static void WithoutAddressBudgets(this ChatServerLimits limits)
    {
        limits.MaxSessionsPerAddress = 0;
        limits.MaxUnopenedSessionsPerAddress = 0;
        limits.MaxLoginsPerAddressPerMinute = 0;
        limits.MaxLinesPerAddress = 0;
    }
}
