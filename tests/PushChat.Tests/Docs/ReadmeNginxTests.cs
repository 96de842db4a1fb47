using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Docs;

/// <summary>README shows the very nginx configuration the load-balanced browser test runs.</summary>
[TestClass]
public sealed class ReadmeNginxTests
{
    [TestMethod]
    public void The_readme_shows_the_two_node_nginx_configuration_as_it_is_tested()
    {
        var root = TestPaths.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var conf = File.ReadAllText(Path.Combine(root, "samples", "ConsoleHost", "deploy", "nginx-two-nodes.conf")).ReplaceLineEndings("\n").Trim();

        StringAssert.Contains(readme, "```nginx\n" + conf + "\n```");
    }
}
