"""Understanding: transcript text to one structured intent."""
