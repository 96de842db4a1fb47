using PushChat.ScaleOut;

namespace PushChat.Tests.PostgreSql;

/// <summary>The backplane contract kept by the core's <see cref="InProcessBackplane"/>.</summary>
[TestClass]
public sealed class InProcessBackplaneContractTests : BackplaneContract
{
    protected override Func<string, IChatBackplane> NewChat()
    {
        var chat = new InProcessBackplane();
        return chat.Node;
    }
}
