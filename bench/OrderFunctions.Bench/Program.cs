// Placeholder until the bench and chaos commands land (issue 7).
Console.WriteLine("usage: bench | chaos");
return 1;
