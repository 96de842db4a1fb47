using System;
using System.Windows.Forms;

namespace PushChat.WinFormsHost;

internal static class Program
{
    [STAThread]
    private static int Main(string[] args)
    {
        HostArguments arguments;
        try
        {
            arguments = HostArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        Application.EnableVisualStyles();
        Application.SetCompatibleTextRenderingDefault(false);
        using var form = new AdminForm(arguments, new AutomationChannel(Console.Out, Console.In));
        Application.Run(form);
        return 0;
    }
}
