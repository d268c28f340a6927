using Rtvi.Quickstart;

await QuickstartApp.Build(args).RunAsync();
