using System.CommandLine;

var root = new RootCommand("Affinity: a personalized recommendation engine for .NET.");
return root.Parse(args).Invoke();
