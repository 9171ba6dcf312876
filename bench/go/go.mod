module goasmbench

go 1.19
