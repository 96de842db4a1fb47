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

        // Ctrl+C and SIGTERM close the window as its close box does, once it can be closed.
        form.Load += (_, _) => StopSignals.Listen(() => form.BeginInvoke(new Action(form.Close)));
        Application.Run(form);
        return 0;
    }
}
